import { render } from 'preact';
import { applyPageLanguage } from '@/components/page-language';
import { loadTabReport } from '@/components/useTabReport';
import { App, asPage, requestedTab } from './App';

const root = document.getElementById('app')!;
applyPageLanguage();
const exportFormat = new URLSearchParams(location.search).get('export');
if (exportFormat === 'text' || exportFormat === 'markdown' || exportFormat === 'json') {
  // The export hook (components/ExportView.tsx): the report as text, Markdown or JSON, alone.
  void import('@/components/ExportView').then((m) => m.mountExport(exportFormat, requestedTab(), root));
} else startReport();

// Start reading the tab's report before anything renders, and render once it is there (or after a
// short wait, showing "reading" meanwhile), so the popup does not flash an empty state.
function startReport() {
  const first = loadTabReport(requestedTab());
  if (asPage()) document.documentElement.classList.add('page');
  let mounted = false;
  const mount = (initial: Parameters<typeof App>[0]['first']) => {
    if (mounted) return;
    mounted = true;
    render(<App first={initial} />, root);
  };
  void first.then(mount);
  setTimeout(() => mount(first), 150);
}
