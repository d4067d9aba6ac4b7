import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { prefetchForRoute } from './api/prefetch.js';
import { App } from './app.js';
import { AuthProvider } from './auth/auth-context.js';
import './styles.css';
import { applyTheme, storedTheme } from './ui/theme.js';

applyTheme(storedTheme());
prefetchForRoute(window.location.pathname);
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <AuthProvider>
        <App />
      </AuthProvider>
    </StrictMode>,
  );
}
