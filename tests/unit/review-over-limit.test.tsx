// Review: at most 10 accounts are in use, the policy's first. When the policy names accounts beside 10 (or 9) of the
// user's own, the settings page still lists every own account, each with its form, as if watched; the last ones are
// neither polled nor shown in the popup, and nothing says so.
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsApp } from '@/components/settings/OptionsApp';
import { readCurrentViews, readStoredState } from '@/utils/storage';
import { checkPolicy } from '@/utils/settings/policy';

afterEach(() => cleanup());

const key = (i: number) => `${String.fromCharCode(65 + i)}`.repeat(28) + String(1000 + i);
const secret = (i: number) => `s${i}`.repeat(16).slice(0, 32);

describe('more own accounts than fit beside the policy’s', () => {
  it('every own account the settings page lists as an account is one that is watched', async () => {
    const own = Array.from({ length: 10 }, (_, i) => ({ id: `acct-${i}`, name: `子公司${i}`, key: key(i), secretKey: secret(i) }));
    const policy = checkPolicy({
      accounts: [
        { name: 'IT 1', companyKey: key(20), secretKey: secret(20) },
        { name: 'IT 2', companyKey: key(21), secretKey: secret(21) },
      ],
    });
    await fakeBrowser.storage.local.set({ accounts: own, credentials: { key: own[0]?.key, secretKey: own[0]?.secretKey }, policy });
    render(<OptionsApp initial={await readStoredState()} />);
    const listed = screen.getAllByLabelText('公司 Key').length;
    const watched = (await readCurrentViews()).views.length;
    expect(listed, `accounts with a form on the settings page vs ${watched} watched`).toBe(watched);
  });
});
