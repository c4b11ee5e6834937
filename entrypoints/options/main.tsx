import { render } from 'preact';
import { applyPageLanguage } from '@/components/page-language';
import { t } from '@/utils/i18n';
import { Options } from './Options';

applyPageLanguage();
document.title = t('options_title');
render(<Options />, document.getElementById('app')!);
