// Every page of the app. Add a page here (with the roles that may open it, and `nav` for the
// menu) and it is routed, guarded and, where allowed, listed in the navigation.
// Login and the worker's pages are in the first download, for a slow phone; every other page is
// `lazy`: its code is fetched the first time someone opens it.
import type { Component } from 'svelte';
import { lazy, type Lazy } from './lib/lazy';
import type { RouteDef } from './lib/router';
import ClaimDetail from './routes/ClaimDetail.svelte';
import Claims from './routes/Claims.svelte';
import Expenses from './routes/Expenses.svelte';
import Home from './routes/Home.svelte';
import Login from './routes/Login.svelte';
import ReceiptDetail from './routes/ReceiptDetail.svelte';
import Receipts from './routes/Receipts.svelte';

export type Page = Component<{ params: Record<string, string> }>;

export const routes: RouteDef<Page | Lazy<Page>>[] = [
  { path: '/login', component: Login },
  // Public: a new person sets their first password with the code from their administrator.
  { path: '/activate', component: lazy(() => import('./routes/Activate.svelte')) },
  { path: '/', component: Home, roles: ['worker', 'hr', 'negotiator', 'admin'] },
  {
    path: '/notifications',
    component: lazy(() => import('./routes/Notifications.svelte')),
    roles: ['worker', 'hr', 'negotiator', 'admin'],
  },
  { path: '/receipts', component: Receipts, roles: ['worker'], nav: 'navReceipts' },
  { path: '/receipts/:id', component: ReceiptDetail, roles: ['worker'] },
  { path: '/expenses', component: Expenses, roles: ['worker'], nav: 'navExpenses' },
  { path: '/claims', component: Claims, roles: ['worker'], nav: 'navClaims' },
  { path: '/claims/:id', component: ClaimDetail, roles: ['worker'] },
  { path: '/review', component: lazy(() => import('./routes/ReviewQueue.svelte')), roles: ['hr'], nav: 'navReview' },
  { path: '/review/:id', component: lazy(() => import('./routes/ReviewClaim.svelte')), roles: ['hr'] },
  { path: '/payroll', component: lazy(() => import('./routes/Payroll.svelte')), roles: ['hr'], nav: 'navPayroll' },
  // The admin's setup pages, in the order an organisation is set up; the first is their landing page.
  { path: '/people', component: lazy(() => import('./routes/People.svelte')), roles: ['admin'], nav: 'navPeople' },
  { path: '/people/:id', component: lazy(() => import('./routes/Person.svelte')), roles: ['admin'] },
  {
    path: '/categories',
    component: lazy(() => import('./routes/Categories.svelte')),
    roles: ['admin'],
    nav: 'navCategories',
  },
  { path: '/categories/:code', component: lazy(() => import('./routes/Category.svelte')), roles: ['admin'] },
  { path: '/rates', component: lazy(() => import('./routes/Rates.svelte')), roles: ['hr', 'admin'], nav: 'navRates' },
  {
    path: '/organization',
    component: lazy(() => import('./routes/Organization.svelte')),
    roles: ['admin'],
    nav: 'navOrganization',
  },
  { path: '/events', component: lazy(() => import('./routes/AdminEvents.svelte')), roles: ['admin'], nav: 'navEvents' },
  // The negotiator's landing page (their first menu entry); HR sees it after its own pages.
  {
    path: '/dashboard',
    component: lazy(() => import('./routes/Dashboard.svelte')),
    roles: ['negotiator', 'hr'],
    nav: 'navDashboard',
  },
];
