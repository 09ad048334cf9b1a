import type { Config } from '@react-router/dev/config';

// Server rendering everywhere: every page must work before (or without) JavaScript.
export default {
  ssr: true,
  appDirectory: 'app',
} satisfies Config;
