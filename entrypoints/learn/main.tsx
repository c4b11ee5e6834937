import { render } from 'preact';
import { Learn } from '@/components/Learn';
import { catalogueLanguage } from '@/components/text';
import { t } from '@/utils/i18n';

document.documentElement.lang = catalogueLanguage();
document.title = t('learn_title');
render(<Learn />, document.getElementById('app')!);
