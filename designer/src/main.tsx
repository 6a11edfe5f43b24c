import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles.css';
import { App } from './App';
import { DesignerStoreContext } from './store/DesignerContext';
import { createDesignerStore, loadAutosave } from './store';
import { templateToGraph } from './graph/templateToGraph';
import { fourTouch } from '../../shared/templates';

const store = createDesignerStore(loadAutosave(localStorage) ?? templateToGraph(fourTouch), { storage: localStorage });
window.addEventListener('beforeunload', () => store.flushAutosave());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DesignerStoreContext.Provider value={store}>
      <App />
    </DesignerStoreContext.Provider>
  </StrictMode>,
);
