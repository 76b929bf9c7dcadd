import type { firstStepsEs } from './first-steps.es';

/** English strings for a new practice's first steps towards a usable schedule. */
export const firstStepsEn: typeof firstStepsEs = {
  firstSteps: {
    title: 'Get the schedule ready',
    intro: 'Four steps, and you can book the first appointment.',
    progress: '{{done}} of {{total}} steps done',
    done: 'Done',
    missing: 'Missing',
    askAdmin: 'An administrator can finish these steps in the schedule setup.',
    steps: {
      operatories: { title: 'Chairs', description: 'At least one active chair: each one is a column of the schedule.', go: 'Add chairs' },
      providers: { title: 'A provider linked to a user', description: 'Who sees patients, with the account they sign in with.', go: 'Add a provider' },
      hours: { title: 'Weekly hours', description: 'The days and hours each provider works.', go: 'Set the hours' },
      types: { title: 'Appointment types', description: 'Each with its length; you can start with the usual ones.', go: 'Add appointment types' },
    },
    usualWeek: 'Use the usual hours',
    usualWeekHint: 'Monday to Friday, 9:00–13:00 and 14:00–18:00: fills in the week for you to check and save.',
    usualTypes: 'Add the usual types',
    usualTypesHint: 'Adds, in the practice’s language, those it does not have yet: {{list}}. The usual blockout types too, such as lunch.',
    typeWithLength: '{{name}} ({{minutes}} min)',
    typesAdded_one: '{{count}} appointment type added.',
    typesAdded_other: '{{count}} appointment types added.',
    nothingAdded: 'The usual types were already there; none added.',
  },
};
