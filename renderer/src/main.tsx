import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { StoreProvider } from './store';
import './assets/fonts.css';
// The stylesheets in cascade order: later files build on the theme's custom properties and may
// override earlier rules, so the order is part of the styling.
import './styles/theme.css';
import './styles/layout.css';
import './styles/forms.css';
import './styles/jobs.css';
import './styles/tables.css';
import './styles/blocks.css';
import './styles/charts.css';
import './styles/pages.css';
import './styles/monitor.css';

const root = document.getElementById('root');
if (!root) throw new Error('no #root element');
createRoot(root).render(
  <StrictMode>
    <StoreProvider>
      <App />
    </StoreProvider>
  </StrictMode>,
);
