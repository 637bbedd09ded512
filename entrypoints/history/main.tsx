import { HistoryApp } from '@/components/history/HistoryApp';
import { mountPage } from '@/components/page-shell';
import '@/components/style.css';
import '@/components/settings/form.css';
import '@/components/history/history.css';

void mountPage('historyTitle', HistoryApp);
