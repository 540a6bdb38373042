import { Routes } from '@angular/router';

export const routes: Routes = [
  // Everything that talks to Graph (MSAL, rx-graph-lro, their providers and pages) loads after
  // the app's shell: it keeps the first download under Angular's 500 kB budget, MSAL Browser
  // being most of it.
  { path: '', loadChildren: () => import('./graph.routes') },
];
