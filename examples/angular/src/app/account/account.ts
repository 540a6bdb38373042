import { Component, inject, signal } from '@angular/core';
import { RouterLink, RouterOutlet } from '@angular/router';
import { MsalService } from '@azure/msal-angular';
import type { AccountInfo } from '@azure/msal-browser';
import { GRAPH_SCOPES } from '../auth.config';

/** Signs in with MSAL (by redirect), then shows the account and the way to the operations. */
@Component({
  selector: 'app-account',
  imports: [RouterLink, RouterOutlet],
  template: `
    @if (account(); as signedIn) {
      <p data-testid="account">Signed in as {{ signedIn.name }} ({{ signedIn.username }})</p>
      <nav>
        <a routerLink="/operations" data-testid="open">Operations</a> |
        <a routerLink="/" data-testid="close">Close</a>
      </nav>
      <router-outlet />
    } @else {
      <button type="button" data-testid="sign-in" (click)="signIn()" [disabled]="!ready()">Sign in</button>
    }
  `,
})
export class Account {
  private readonly msal = inject(MsalService);
  protected readonly ready = signal(false);
  protected readonly account = signal<AccountInfo | null>(null);

  constructor() {
    // Finishes a sign-in redirect (the code is redeemed for tokens), or finds the account already signed in.
    this.msal.handleRedirectObservable().subscribe({
      next: (result) => {
        const account = result?.account ?? this.msal.instance.getActiveAccount() ?? this.msal.instance.getAllAccounts()[0] ?? null;
        if (account) this.msal.instance.setActiveAccount(account);
        this.account.set(account);
        this.ready.set(true);
      },
      error: (error: unknown) => {
        console.error('sign-in failed', error);
        this.ready.set(true);
      },
    });
  }

  protected signIn(): void {
    this.msal.loginRedirect({ scopes: GRAPH_SCOPES }).subscribe();
  }
}
