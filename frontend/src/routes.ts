// Every page of the app. Add a page here (with the roles that may open it, and `nav` for the
// menu) and it is routed, guarded and, where allowed, listed in the navigation.
import type { Component } from 'svelte';
import type { RouteDef } from './lib/router';
import Home from './routes/Home.svelte';
import Login from './routes/Login.svelte';
import ReceiptDetail from './routes/ReceiptDetail.svelte';
import Receipts from './routes/Receipts.svelte';

export type Page = Component<{ params: Record<string, string> }>;

export const routes: RouteDef<Page>[] = [
  { path: '/login', component: Login },
  { path: '/', component: Home, roles: ['worker', 'hr', 'negotiator', 'admin'] },
  { path: '/receipts', component: Receipts, roles: ['worker'], nav: 'navReceipts' },
  { path: '/receipts/:id', component: ReceiptDetail, roles: ['worker'] },
];
