import { OptionsApp } from '@/components/OptionsApp';
import { mountPage } from '@/components/page-shell';
import '@/components/style.css';
import '@/components/form.css';

void mountPage('optionsTitle', OptionsApp);
