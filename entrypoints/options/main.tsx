import { render } from 'preact';
import { catalogueLanguage } from '@/components/text';
import { t } from '@/utils/i18n';
import { Options } from './Options';

document.documentElement.lang = catalogueLanguage();
document.title = t('options_title');
render(<Options />, document.getElementById('app')!);
