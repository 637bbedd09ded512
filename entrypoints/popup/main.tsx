import { PopupApp } from '@/components/popup/PopupApp';
import { mountPage } from '@/components/page-shell';
import { afterFirstPaint } from '@/utils/after-first-paint';
import { requestRefresh } from '@/utils/messages';
import { MINUTE } from '@/utils/monitor/retry-schedule';
import '@/components/style.css';

/** Opening the popup refreshes data older than this, after painting what is stored. */
const POPUP_MAX_AGE = MINUTE;

void mountPage('extName', PopupApp).then(({ credentials }) => {
  // The worker round trip waits until the stored numbers are on screen.
  if (credentials) afterFirstPaint(() => void requestRefresh(POPUP_MAX_AGE));
});
