import { render } from 'preact';
import { PopupApp } from '@/components/PopupApp';
import { afterFirstPaint } from '@/utils/after-first-paint';
import { t, uiLanguage } from '@/utils/i18n';
import { requestRefresh } from '@/utils/messages';
import { MINUTE } from '@/utils/retry-schedule';
import { readStoredState } from '@/utils/storage-items';
import '@/components/style.css';

/** Opening the popup refreshes data older than this, after painting what is stored. */
const POPUP_MAX_AGE = MINUTE;

document.documentElement.lang = uiLanguage();
document.title = t('extName');
void readStoredState().then(({ credentials, state, settings }) => {
  render(<PopupApp initial={{ credentials, state, settings }} />, document.getElementById('app')!);
  // The worker round trip waits until the stored numbers are on screen.
  if (credentials) afterFirstPaint(() => void requestRefresh(POPUP_MAX_AGE));
});
