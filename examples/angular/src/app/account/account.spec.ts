import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MsalService } from '@azure/msal-angular';
import type { AccountInfo } from '@azure/msal-browser';
import { of } from 'rxjs';
import { Account } from './account';

const adele = { homeAccountId: 'adele', environment: 'login', tenantId: 't', username: 'adele@contoso.test', localAccountId: 'adele', name: 'Adele Vance' } as AccountInfo;

/** MSAL Angular's MsalService as Account uses it, with `account` signed in already (or nobody). */
function msal(account: AccountInfo | null) {
  const active: { account: AccountInfo | null } = { account: null };
  return {
    handleRedirectObservable: () => of(null),
    loginRedirect: () => of(undefined),
    instance: {
      getActiveAccount: () => active.account,
      getAllAccounts: () => (account ? [account] : []),
      setActiveAccount: (a: AccountInfo) => (active.account = a),
    },
  };
}

describe('Account', () => {
  it('offers Sign in when nobody is signed in', async () => {
    TestBed.configureTestingModule({ imports: [Account], providers: [provideRouter([]), { provide: MsalService, useValue: msal(null) }] });
    const fixture = TestBed.createComponent(Account);
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    expect(page.querySelector('[data-testid=sign-in]')?.hasAttribute('disabled')).toBe(false);
    expect(page.querySelector('[data-testid=open]')).toBeNull();
  });

  it('shows the signed-in account and the way to the operations', async () => {
    TestBed.configureTestingModule({ imports: [Account], providers: [provideRouter([]), { provide: MsalService, useValue: msal(adele) }] });
    const fixture = TestBed.createComponent(Account);
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    expect(page.querySelector('[data-testid=account]')?.textContent).toContain('Adele Vance (adele@contoso.test)');
    expect(page.querySelector('[data-testid=open]')?.getAttribute('href')).toBe('/operations');
  });
});
