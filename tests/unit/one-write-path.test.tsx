// One write path per stored item (issue 22): the settings page's flush on leaving goes through the settings item, and
// so writes its version beside it, as every other write does.
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsApp } from '@/components/settings/OptionsApp';
import { DEFAULT_SETTINGS } from '@/utils/settings/settings';
import { SETTINGS_VERSION } from '@/utils/storage';
import { storedState } from './builders';

afterEach(cleanup);

it('a value typed just before the tab closes is saved through the settings item, with its version', async () => {
  render(<OptionsApp initial={storedState({ credentials: { key: 'K'.repeat(32), secretKey: 'S'.repeat(32) } })} />);
  fireEvent.input(screen.getByRole('textbox', { name: '提前天数' }), { target: { value: '21' } });
  // Closing the tab: no time for the typing pause to end.
  dispatchEvent(new Event('pagehide'));
  await new Promise((done) => setTimeout(done, 20));
  const stored = await fakeBrowser.storage.local.get(['settings', 'settings$']);
  expect(stored.settings).toEqual({ ...DEFAULT_SETTINGS, paceWarning: { enabled: true, days: 21 } });
  expect(stored['settings$']).toEqual({ v: SETTINGS_VERSION });
});
