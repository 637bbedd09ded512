import { HistoryApp } from '@/components/HistoryApp';
import { mountPage } from '@/components/page-shell';
import '@/components/style.css';
import '@/components/form.css';
import '@/components/history.css';

void mountPage('historyTitle', HistoryApp);
