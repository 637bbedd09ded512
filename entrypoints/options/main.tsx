import { render } from 'preact';
import { OptionsApp } from '@/components/OptionsApp';
import { t, uiLanguage } from '@/utils/i18n';
import { readStoredState } from '@/utils/storage-items';
import '@/components/style.css';

document.documentElement.lang = uiLanguage();
document.title = t('optionsTitle');
void readStoredState().then(({ credentials, state, settings }) => {
  render(<OptionsApp initial={{ credentials, state, settings }} />, document.getElementById('app')!);
});
