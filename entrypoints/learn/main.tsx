import { render } from 'preact';
import { applyPageLanguage } from '@/components/page-language';
import { Learn } from '@/components/Learn';
import { t } from '@/utils/i18n';

applyPageLanguage();
document.title = t('learn_title');
render(<Learn />, document.getElementById('app')!);
