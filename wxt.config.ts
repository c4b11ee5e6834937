import { defineConfig } from 'wxt';

// Firefox MV3 keeps webRequestBlocking (needed for getSecurityInfo); Chrome MV3 only observes.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    short_name: 'Onlooker',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // Icons: public/icon/<size>.png, made by scripts/icons.ts from scripts/icon*.svg.
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 96: 'icon/96.png', 128: 'icon/128.png' },
    action: { default_title: '__MSG_actionTitle__', default_icon: { 16: 'icon/16.png', 32: 'icon/32.png' } },
    permissions: [
      'webRequest',
      'webNavigation',
      'storage',
      ...(browser === 'firefox' ? ['webRequestBlocking'] : []),
    ],
    host_permissions: ['<all_urls>'],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'onlooker@onlooker.invalid',
              strict_min_version: '128.0',
              // Onlooker collects and transmits nothing.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  vite: () => ({
    // The X.509 libraries run module-level code (schema decorators), which would keep them in the
    // Firefox bundle although only Chrome's code path uses them: declare them free of side effects.
    build: {
      rolldownOptions: {
        treeshake: { moduleSideEffects: [{ test: /node_modules[\\/](@peculiar|asn1js|pvtsutils|pvutils)[\\/]/, sideEffects: false }] },
      },
    },
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    resolve: { alias: { react: 'preact/compat', 'react-dom': 'preact/compat' } },
  }),
});
