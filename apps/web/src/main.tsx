// Aksel's CSS without its fonts layer, which loads Source Sans from NAV's CDN: the CSP allows fonts from 'self'
// only, and a user's browser should not call a third party. The font stack falls back to Arial.
import '@navikt/ds-css/dist/global/reset.css';
import '@navikt/ds-css/dist/global/tokens.css';
import '@navikt/ds-css/dist/global/baseline.css';
import '@navikt/ds-css/dist/global/print.css';
import '@navikt/ds-css/dist/components.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
