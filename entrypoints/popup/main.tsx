import { render } from 'preact';
import { catalogueLanguage } from '@/components/text';
import { loadTabReport } from '@/components/useTabReport';
import { App, asPage, requestedTab } from './App';

// Start reading the tab's report before anything renders, and render once it is there (or after a
// short wait, showing "reading" meanwhile), so the popup does not flash an empty state.
const first = loadTabReport(requestedTab());
document.documentElement.lang = catalogueLanguage();
if (asPage()) document.documentElement.classList.add('page');
const root = document.getElementById('app')!;
let mounted = false;
const mount = (initial: Parameters<typeof App>[0]['first']) => {
  if (mounted) return;
  mounted = true;
  render(<App first={initial} />, root);
};
void first.then(mount);
setTimeout(() => mount(first), 150);
