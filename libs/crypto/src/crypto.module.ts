import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/src/app-config';
import type { KeyRing } from './key-ring';
import { loadKeyRing } from './key-source';

/** The injection token of the process's one `KeyRing` (patient data at rest, the Temporal payload codec, the codec server). */
export const KEY_RING = 'KEY_RING';

/**
 * Makes the configured key ring injectable everywhere: `@Inject(KEY_RING) keyRing: KeyRing`. The ring is loaded
 * once when the application starts (a broken ring stops it with a ConfigError naming the setting); `keyRing`
 * gives a ring already loaded (a test on a ring of its own, a worker restarted on a rotated ring).
 */
@Global()
@Module({})
export class CryptoModule {
  static forRoot(keyRing?: KeyRing): DynamicModule {
    return {
      module: CryptoModule,
      providers: [
        keyRing
          ? { provide: KEY_RING, useValue: keyRing }
          : { provide: KEY_RING, inject: [AppConfig], useFactory: (config: AppConfig) => loadKeyRing(config) },
      ],
      exports: [KEY_RING],
    };
  }
}
