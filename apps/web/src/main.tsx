// Aksel's CSS without its fonts layer, which loads Source Sans from NAV's CDN: the CSP allows fonts from 'self'
// only, and a user's browser should not call a third party. Source Sans 3 is self-hosted instead (@fontsource, OFL):
// the Latin subset (Swedish included), regular, italic and Aksel's bold (600), about 16 kB each, fetched when used.
import '@fontsource/source-sans-3/latin-400.css';
import '@fontsource/source-sans-3/latin-400-italic.css';
import '@fontsource/source-sans-3/latin-600.css';
import '@navikt/ds-css/dist/global/reset.css';
import '@navikt/ds-css/dist/global/tokens.css';
import '@navikt/ds-css/dist/global/baseline.css';
import '@navikt/ds-css/dist/global/print.css';
import '@navikt/ds-css/dist/components.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { completeOidcCallback, OIDC_CALLBACK_PATH } from './auth/oidc';

if (window.location.pathname === OIDC_CALLBACK_PATH) {
  // The OIDC sign-in popup, back from the issuer: hand the code to the app's window, which makes the exchange.
  void completeOidcCallback().catch(() => {
    document.getElementById('root')!.textContent = 'Inloggningen kunde inte slutföras. Stäng fönstret och försök igen.';
  });
} else {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
