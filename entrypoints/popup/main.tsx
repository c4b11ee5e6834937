import { render } from 'preact';
import { catalogueLanguage } from '@/components/text';
import { App, asPage } from './App';

document.documentElement.lang = catalogueLanguage();
if (asPage()) document.documentElement.classList.add('page');
render(<App />, document.getElementById('app')!);
