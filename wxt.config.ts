import { readFileSync } from 'node:fs';
import { defineConfig } from 'wxt';

/** Only the pages of the extension itself, and only pro.qcc.com over HTTPS. */
const EXTENSION_PAGES_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self' https://pro.qcc.com",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The baseline: Chromium 102 (Chrome and Edge 109 on Windows 7, 360/QQ/Sogou and 信创 cores) and Firefox 140. */
const BUILD_TARGETS = ['chrome102', 'firefox140'];

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Every module imports what it uses (defineBackground, storage, browser): no auto-imports.
  imports: false,
  hooks: {
    // PRIVACY.md ships as privacy.txt for the options page's link; the byte-order mark makes browsers read it as UTF-8.
    'build:publicAssets': (_wxt, files) => {
      files.push({ relativeDest: 'privacy.txt', contents: `\uFEFF${readFileSync('PRIVACY.md', 'utf8')}` });
    },
  },
  vite: () => ({
    build: {
      // The supported browsers (README, "Supported browsers"; browserslist in package.json for the lint rules).
      target: BUILD_TARGETS,
      cssTarget: BUILD_TARGETS,
      // Extension pages support modulepreload natively: no polyfill in the pages' first module.
      modulePreload: { polyfill: false },
    },
  }),
  manifestVersion: 3,
  zip: {
    // AMO rebuilds from the sources zip: it needs PRIVACY.md (shipped as privacy.txt), not the test screenshots.
    includeSources: ['PRIVACY.md'],
    excludeSources: ['tests/screenshots/**', 'stats.html'],
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    permissions: ['storage', 'alarms', 'notifications'],
    host_permissions: ['https://pro.qcc.com/*'],
    action: { default_title: '__MSG_extName__' },
    content_security_policy: { extension_pages: EXTENSION_PAGES_CSP },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            // 140 on desktop and 142 on Android are the first to read data_collection_permissions;
            // everything else used (MV3 background scripts, action badge colours) is older.
            gecko: {
              id: 'qcc-quota-monitor@qcc-quota-monitor.github.io',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {
          minimum_chrome_version: '102',
          // Enterprise policy (README, "Enterprise deployment"): Chrome and Edge check the policy against this schema.
          // Firefox reads policies.json without one.
          storage: { managed_schema: 'managed_schema.json' },
        }),
  }),
});
