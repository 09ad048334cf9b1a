import { accountMessages } from './features/accounts.ts';
import { adminMessages } from './features/admin.ts';
import { planningMessages } from './features/planning.ts';
import { planningAreaMessages } from './features/planning-area.ts';
import { planningPageMessages } from './features/planning-pages.ts';
import { proposalMessages } from './features/proposals.ts';
import { proposalPageMessages } from './features/proposal-pages.ts';
import { proposalReviewMessages } from './features/proposal-review.ts';
import { meetingPageMessages } from './features/meeting-pages.ts';
import { historyImportMessages } from './features/history-import.ts';
import { ledgerMessages } from './features/ledger.ts';
import { voucherMessages } from './features/vouchers.ts';
import { followupMessages } from './features/followup.ts';
import { overviewMessages } from './features/overview.ts';
import { reportMessages } from './features/reports.ts';
import { proposalApiMessages } from './features/proposal-api.ts';
import { outsideProjectMessages } from './features/outside-projects.ts';
import { registryMessages } from './features/registry.ts';
import { openDataMessages } from './features/open-data.ts';
import type { MessageKey } from './index.ts';

type CoreKey = Exclude<
  MessageKey,
    | keyof typeof registryMessages.th
  | keyof typeof accountMessages.th
  | keyof typeof adminMessages.th
  | keyof typeof planningMessages.th
  | keyof typeof planningPageMessages.th
  | keyof typeof planningAreaMessages.th
  | keyof typeof proposalMessages.th
  | keyof typeof proposalPageMessages.th
  | keyof typeof proposalReviewMessages.th
  | keyof typeof meetingPageMessages.th
  | keyof typeof ledgerMessages.th
  | keyof typeof historyImportMessages.th
  | keyof typeof voucherMessages.th
  | keyof typeof followupMessages.th
  | keyof typeof reportMessages.th
  | keyof typeof overviewMessages.th
  | keyof typeof proposalApiMessages.th
  | keyof typeof openDataMessages.th
  | keyof typeof outsideProjectMessages.th
>;

const core: Record<CoreKey, string> = {
  'app.name': 'kongtun',
  'app.fullName': 'Local health security fund management system',
  'app.skipToContent': 'Skip to content',
  'nav.label': 'Main menu',
  'nav.home': 'Home',
  'nav.needsMe': 'Needs me',
  'nav.signIn': 'Sign in',
  'nav.signOut': 'Sign out',
  'nav.menu': 'Menu',
  'lang.switchTo': 'ภาษาไทย',
  'lang.switchLabel': 'change language',
  'user.signedInAs': 'Signed in as',
  'role.admin': 'System administrator',
  'role.region_officer': 'NHSO region officer',
  'role.province_officer': 'Province officer',
  'role.mentor': 'Mentor',
  'role.district_secretary': 'District health board secretary',
  'role.fund_officer': 'Fund officer',
  'role.fund_finance': 'Fund finance officer',
  'role.committee': 'Committee member',
  'role.proposer': 'Proposer',
  'home.title': 'Local health security funds',
  'home.lead':
    "kongtun helps Thailand's 7,700 local health security funds plan their year, take project proposals from their communities, let the committee decide, follow the projects and keep the fund's books, all in one place.",
  'home.currentFiscalYear': 'Current fiscal year',
  'home.today': 'Today',
  'home.whoTitle': 'What it does',
  'home.who.proposer.title': 'Community groups',
  'home.who.proposer.text': 'Write and send a project proposal from a phone, one short step at a time.',
  'home.who.officer.title': 'Fund officers',
  'home.who.officer.text': "Plan the year, prepare meetings, pay vouchers, close months and print the official forms.",
  'home.who.committee.title': 'Fund committees',
  'home.who.committee.text': 'Decide on proposals in a meeting, with reasons and conditions.',
  'home.who.mentor.title': 'Mentors and NHSO',
  'home.who.mentor.text': 'Coach projects to quality and see the picture from one fund up to the whole country.',
  'home.signInCta': 'Sign in',
  'signIn.title': 'Sign in',
  'signIn.continue': 'Please sign in; you will be taken back to the page you were on',
  'signIn.username': 'Username',
  'signIn.password': 'Password',
  'signIn.submit': 'Sign in',
  'signIn.failed': 'The username or password is not correct',
  'signIn.demoHint': 'Demo accounts are listed in the README',
  'error.summaryTitle': 'There is a problem',
  'error.required': 'Enter {field}',
  'error.tooLong': '{field} is too long (at most {max} characters)',
  'error.invalid': '{field} is not valid',
  'error.conflict': 'Someone else changed this since you opened it. Nothing of yours was saved: reload the page and make your change again.',
  'error.forbiddenTitle': 'You may not do this',
  'error.forbiddenText': 'This page or action is outside your area or role. If you think you should have access, contact your administrator.',
  'error.csrf': 'This form has expired or was not sent from this page. Please try again.',
  'notFound.title': 'Page not found',
  'notFound.text': 'The link may be wrong, or the page has moved.',
  'notFound.home': 'Back to the home page',
  'serverError.title': 'Sorry, something went wrong',
  'serverError.text': 'Nothing you entered is lost. Please try again in a moment; if it keeps happening, tell your administrator.',
  'serverError.reference': 'Reference',
  'footer.text': 'kongtun — open-source software for local health security funds',
};

export const en: Record<MessageKey, string> = { ...core, ...registryMessages.en, ...accountMessages.en, ...adminMessages.en,
  ...planningMessages.en,
  ...planningPageMessages.en,
  ...planningAreaMessages.en,
  ...proposalMessages.en,
  ...proposalPageMessages.en,
  ...proposalReviewMessages.en,
  ...meetingPageMessages.en,
  ...ledgerMessages.en,
  ...historyImportMessages.en,
  ...voucherMessages.en,
  ...followupMessages.en,
  ...reportMessages.en,
  ...overviewMessages.en,
  ...proposalApiMessages.en,
  ...openDataMessages.en,
  ...outsideProjectMessages.en,
};
