// Every page of the app. Add a page here (with the roles that may open it, and `nav` for the
// menu) and it is routed, guarded and, where allowed, listed in the navigation.
import type { Component } from 'svelte';
import type { RouteDef } from './lib/router';
import Activate from './routes/Activate.svelte';
import AdminEvents from './routes/AdminEvents.svelte';
import Categories from './routes/Categories.svelte';
import Category from './routes/Category.svelte';
import ClaimDetail from './routes/ClaimDetail.svelte';
import Claims from './routes/Claims.svelte';
import Dashboard from './routes/Dashboard.svelte';
import Expenses from './routes/Expenses.svelte';
import Home from './routes/Home.svelte';
import Login from './routes/Login.svelte';
import Organization from './routes/Organization.svelte';
import Payroll from './routes/Payroll.svelte';
import People from './routes/People.svelte';
import Person from './routes/Person.svelte';
import Rates from './routes/Rates.svelte';
import ReceiptDetail from './routes/ReceiptDetail.svelte';
import Receipts from './routes/Receipts.svelte';
import ReviewClaim from './routes/ReviewClaim.svelte';
import ReviewQueue from './routes/ReviewQueue.svelte';

export type Page = Component<{ params: Record<string, string> }>;

export const routes: RouteDef<Page>[] = [
  { path: '/login', component: Login },
  // Public: a new person sets their first password with the code from their administrator.
  { path: '/activate', component: Activate },
  { path: '/', component: Home, roles: ['worker', 'hr', 'negotiator', 'admin'] },
  { path: '/receipts', component: Receipts, roles: ['worker'], nav: 'navReceipts' },
  { path: '/receipts/:id', component: ReceiptDetail, roles: ['worker'] },
  { path: '/expenses', component: Expenses, roles: ['worker'], nav: 'navExpenses' },
  { path: '/claims', component: Claims, roles: ['worker'], nav: 'navClaims' },
  { path: '/claims/:id', component: ClaimDetail, roles: ['worker'] },
  { path: '/review', component: ReviewQueue, roles: ['hr'], nav: 'navReview' },
  { path: '/review/:id', component: ReviewClaim, roles: ['hr'] },
  { path: '/payroll', component: Payroll, roles: ['hr'], nav: 'navPayroll' },
  // The admin's setup pages, in the order an organisation is set up; the first is their landing page.
  { path: '/people', component: People, roles: ['admin'], nav: 'navPeople' },
  { path: '/people/:id', component: Person, roles: ['admin'] },
  { path: '/categories', component: Categories, roles: ['admin'], nav: 'navCategories' },
  { path: '/categories/:code', component: Category, roles: ['admin'] },
  { path: '/rates', component: Rates, roles: ['hr', 'admin'], nav: 'navRates' },
  { path: '/organization', component: Organization, roles: ['admin'], nav: 'navOrganization' },
  { path: '/events', component: AdminEvents, roles: ['admin'], nav: 'navEvents' },
  // The negotiator's landing page (their first menu entry); HR sees it after its own pages.
  { path: '/dashboard', component: Dashboard, roles: ['negotiator', 'hr'], nav: 'navDashboard' },
];
