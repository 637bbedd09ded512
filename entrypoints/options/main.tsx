import { OptionsApp } from '@/components/settings/OptionsApp';
import { mountPage } from '@/components/page-shell';
import '@/components/style.css';
import '@/components/settings/form.css';

void mountPage('optionsTitle', OptionsApp);
