import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RegistrationInput } from '../prescriptions/RegistrationInput';
import { PROVIDER_KINDS } from '../../shared/contract/schedule';
import { scheduleTexts } from '../../shared/schedule/texts';
import type { Provider } from '../../shared/contract/schedule';
import { useClient } from '../app/client';
import { useAppStatus } from '../app/status';
import { Button } from '../ui/Button';
import { Field } from '../ui/Field';
import { fieldErrors } from '../ui/errors';
import { fullName } from '../ui/format';
import { QueryState } from '../ui/QueryState';
import { useAppointmentTypes, useOperatories, useProviders } from '../schedule-lists/shared';
import { CallError, ColourInput, useScheduleMutation } from './common';
import { stepStart } from './first-steps';
import { ActiveToggle, NameCell, SetupTable } from './SetupTable';
import { contract } from '../../shared/contract';
import { maxLengthAt } from '../../shared/contract/text';

/* ------------------------------------------------------------ chairs */

export function OperatoriesSection() {
  const { t } = useTranslation();
  const client = useClient();
  const list = useOperatories(true);
  const [name, setName] = useState('');
  // Renames typed but not saved yet, by chair.
  const [names, setNames] = useState<Record<string, string>>({});
  const create = useScheduleMutation(() => client['schedule.operatories.create']({ name }), () => setName(''));
  const update = useScheduleMutation((input: { id: string; name?: string; sortOrder?: number; active?: boolean }) => client['schedule.operatories.update'](input));
  const errors = fieldErrors(create.error);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(undefined);
  };
  return (
    <div className="sl-stack">
      <QueryState query={list}>
        {(rows) => (
          <SetupTable
            caption={t('scheduleAdmin.operatories.title')}
            rows={rows}
            columns={[
              {
                header: t('scheduleAdmin.operatories.name'),
                cell: (o) => (
                  <input maxLength={maxLengthAt(contract['schedule.operatories.update'].input, 'name')}
                    className="input"
                    aria-label={t('scheduleAdmin.operatories.nameOf', { name: o.name })}
                    value={names[o.id] ?? o.name}
                    onChange={(e) => setNames({ ...names, [o.id]: e.target.value })}
                  />
                ),
              },
              { header: t('scheduleAdmin.common.state'), cell: (o) => (o.active ? t('scheduleAdmin.common.active') : t('scheduleAdmin.common.inactive')) },
              {
                header: null,
                className: 'num sl-row-actions',
                cell: (o, i) => {
                  const first = i === 0;
                  const last = i === rows.length - 1;
                  const move = (delta: number) => {
                    const other = rows[i + delta];
                    if (!other) return;
                    // Swap places; equal orders (never reordered yet) take their row positions.
                    const mine = other.sortOrder === o.sortOrder ? i + delta : other.sortOrder;
                    const theirs = other.sortOrder === o.sortOrder ? i : o.sortOrder;
                    update.mutate({ id: o.id, sortOrder: mine });
                    update.mutate({ id: other.id, sortOrder: theirs });
                  };
                  const rename = names[o.id];
                  return (
                    <>
                      <Button size="sm" variant="ghost" aria-label={t('scheduleAdmin.operatories.renameOf', { name: o.name })} onClick={() => rename?.trim() && update.mutate({ id: o.id, name: rename })}>
                        {t('scheduleAdmin.common.save')}
                      </Button>
                      <Button size="sm" variant="ghost" aria-label={t('scheduleAdmin.common.moveUp', { name: o.name })} aria-disabled={first || undefined} onClick={() => !first && move(-1)}>
                        ↑
                      </Button>
                      <Button size="sm" variant="ghost" aria-label={t('scheduleAdmin.common.moveDown', { name: o.name })} aria-disabled={last || undefined} onClick={() => !last && move(1)}>
                        ↓
                      </Button>
                      <ActiveToggle name={o.name} active={o.active} onToggle={() => update.mutate({ id: o.id, active: !o.active })} />
                    </>
                  );
                },
              },
            ]}
          />
        )}
      </QueryState>
      <CallError error={update.error} />
      <form className="sa-row" onSubmit={onSubmit} noValidate aria-label={t('scheduleAdmin.operatories.add')}>
        <Field label={t('scheduleAdmin.operatories.newName')} error={errors.name}>
          {(control) => <input maxLength={maxLengthAt(contract['schedule.operatories.create'].input, 'name')} {...control} {...stepStart('operatories')} className="input" value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Button type="submit" variant="primary" busy={create.isPending}>
          {t('scheduleAdmin.operatories.add')}
        </Button>
      </form>
      <CallError error={create.error} shown={['name']} />
    </div>
  );
}

/* ------------------------------------------------------------ providers */

const EMPTY_PROVIDER = { givenNames: '', firstSurname: '', secondSurname: '', kind: 'dentist' as Provider['kind'], colour: '#2f6fde', userId: '', defaultOperatoryId: '', registrationNumber: '' };

export function ProvidersSection() {
  const { t } = useTranslation();
  const client = useClient();
  const status = useAppStatus();
  const list = useProviders(true);
  const operatories = useOperatories();
  const canUsers = status.session?.permissions.includes('users.manage') ?? false;
  const users = useQuery({ queryKey: ['schedule', 'setup', 'users'], queryFn: () => client['users.list']({}), enabled: canUsers });
  const [draft, setDraft] = useState(EMPTY_PROVIDER);
  const create = useScheduleMutation(
    () =>
      client['schedule.providers.create']({
        ...draft,
        userId: draft.userId || null,
        defaultOperatoryId: draft.defaultOperatoryId || null,
        sortOrder: list.data?.length ?? 0,
      }),
    () => setDraft(EMPTY_PROVIDER),
  );
  const update = useScheduleMutation((input: { id: string } & Partial<{ colour: string; kind: Provider['kind']; userId: string | null; defaultOperatoryId: string | null; active: boolean; registrationNumber: string }>) =>
    client['schedule.providers.update'](input),
  );
  const errors = fieldErrors(create.error);
  const set = (patch: Partial<typeof EMPTY_PROVIDER>) => setDraft({ ...draft, ...patch });
  // The provider is usually that user: a name not typed yet comes from the account.
  const pickUser = (userId: string) => {
    const user = users.data?.find((u) => u.id === userId);
    const untyped = !draft.givenNames.trim() && !draft.firstSurname.trim() && !draft.secondSurname.trim();
    set(user && untyped ? { userId, givenNames: user.givenNames, firstSurname: user.firstSurname, secondSurname: user.secondSurname } : { userId });
  };

  return (
    <div className="sl-stack">
      <QueryState query={list}>
        {(rows) => (
          <SetupTable
            caption={t('scheduleAdmin.providers.title')}
            rows={rows}
            columns={[
              { header: t('scheduleAdmin.providers.name'), cell: (p) => <NameCell name={fullName(p)} colour={p.colour} active={p.active} /> },
              {
                header: t('scheduleAdmin.providers.colour'),
                cell: (p) => <ColourInput label={t('scheduleAdmin.providers.colourOf', { name: p.displayName })} value={p.colour} onChange={(colour) => update.mutate({ id: p.id, colour })} />,
              },
              {
                header: t('scheduleAdmin.providers.kind'),
                cell: (p) => (
                  <select className="select select-compact" aria-label={t('scheduleAdmin.providers.kindOf', { name: p.displayName })} value={p.kind} onChange={(e) => update.mutate({ id: p.id, kind: e.target.value as Provider['kind'] })}>
                    {PROVIDER_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {t(`scheduleAdmin.kinds.${k}`)}
                      </option>
                    ))}
                  </select>
                ),
              },
              {
                header: t('scheduleAdmin.providers.user'),
                cell: (p) => (
                  <select className="select select-compact" aria-label={t('scheduleAdmin.providers.userOf', { name: p.displayName })} value={p.userId ?? ''} onChange={(e) => update.mutate({ id: p.id, userId: e.target.value || null })}>
                    <option value="">{t('scheduleAdmin.providers.noUser')}</option>
                    {users.data?.map((u) => (
                      <option key={u.id} value={u.id}>
                        {fullName(u)}
                      </option>
                    ))}
                    {p.userId && !users.data?.some((u) => u.id === p.userId) ? <option value={p.userId}>{t('scheduleAdmin.providers.linked')}</option> : null}
                  </select>
                ),
              },
              {
                header: t('scheduleAdmin.providers.defaultOperatory'),
                cell: (p) => (
                  <select
                    className="select select-compact"
                    aria-label={t('scheduleAdmin.providers.defaultOperatoryOf', { name: p.displayName })}
                    value={p.defaultOperatoryId ?? ''}
                    onChange={(e) => update.mutate({ id: p.id, defaultOperatoryId: e.target.value || null })}
                  >
                    <option value="">{t('scheduleAdmin.providers.noOperatory')}</option>
                    {operatories.data?.map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.name}
                      </option>
                    ))}
                  </select>
                ),
              },
              {
                header: t('rx.registration.header'),
                cell: (p) => <RegistrationInput key={p.registrationNumber} name={p.displayName} value={p.registrationNumber} onSave={(registrationNumber) => update.mutate({ id: p.id, registrationNumber })} />,
              },
              { header: null, className: 'num', cell: (p) => <ActiveToggle name={p.displayName} active={p.active} onToggle={() => update.mutate({ id: p.id, active: !p.active })} /> },
            ]}
          />
        )}
      </QueryState>
      <CallError error={update.error} />
      <form
        className="sl-form"
        noValidate
        aria-label={t('scheduleAdmin.providers.add')}
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(undefined);
        }}
      >
        <h3 className="section-title">{t('scheduleAdmin.providers.add')}</h3>
        <div className="form-grid form-grid-3">
          <Field label={t('person.givenNames')} error={errors.givenNames}>
            {(control) => <input maxLength={maxLengthAt(contract['schedule.providers.create'].input, 'givenNames')} {...control} {...(canUsers ? {} : stepStart('providers'))} className="input" value={draft.givenNames} onChange={(e) => set({ givenNames: e.target.value })} />}
          </Field>
          <Field label={t('person.firstSurname')} error={errors.firstSurname}>
            {(control) => <input maxLength={maxLengthAt(contract['schedule.providers.create'].input, 'firstSurname')} {...control} className="input" value={draft.firstSurname} onChange={(e) => set({ firstSurname: e.target.value })} />}
          </Field>
          <Field label={t('person.secondSurname')} optional error={errors.secondSurname}>
            {(control) => <input maxLength={maxLengthAt(contract['schedule.providers.create'].input, 'secondSurname')} {...control} className="input" value={draft.secondSurname} onChange={(e) => set({ secondSurname: e.target.value })} />}
          </Field>
          <Field label={t('scheduleAdmin.providers.kind')}>
            {(control) => (
              <select {...control} className="select" value={draft.kind} onChange={(e) => set({ kind: e.target.value as Provider['kind'] })}>
                {PROVIDER_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`scheduleAdmin.kinds.${k}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('scheduleAdmin.providers.colour')} error={errors.colour}>
            {(control) => <input {...control} type="color" className="sa-colour" value={draft.colour} onChange={(e) => set({ colour: e.target.value })} />}
          </Field>
          <Field label={t('rx.registration.header')} optional="quiet" hint={t('rx.registration.hint')} error={errors.registrationNumber}>
            {(control) => <input maxLength={maxLengthAt(contract['schedule.providers.create'].input, 'registrationNumber')} {...control} className="input" value={draft.registrationNumber} onChange={(e) => set({ registrationNumber: e.target.value })} />}
          </Field>
          <Field label={t('scheduleAdmin.providers.defaultOperatory')} optional="quiet">
            {(control) => (
              <select {...control} className="select" value={draft.defaultOperatoryId} onChange={(e) => set({ defaultOperatoryId: e.target.value })}>
                <option value="">{t('scheduleAdmin.providers.noOperatory')}</option>
                {operatories.data?.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {canUsers ? (
            <Field label={t('scheduleAdmin.providers.user')} optional="quiet" error={errors.userId}>
              {(control) => (
                <select {...control} {...stepStart('providers')} className="select" value={draft.userId} onChange={(e) => pickUser(e.target.value)}>
                  <option value="">{t('scheduleAdmin.providers.noUser')}</option>
                  {users.data?.map((u) => (
                    <option key={u.id} value={u.id}>
                      {fullName(u)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : null}
        </div>
        <CallError error={create.error} shown={['givenNames', 'firstSurname', 'secondSurname', 'colour', 'userId']} />
        <div className="form-actions form-actions-start">
          <Button type="submit" variant="primary" busy={create.isPending}>
            {t('scheduleAdmin.providers.addButton')}
          </Button>
        </div>
      </form>
    </div>
  );
}

/* ------------------------------------------------------------ appointment types */

export function TypesSection() {
  const { t } = useTranslation();
  const client = useClient();
  const list = useAppointmentTypes(true);
  const [draft, setDraft] = useState({ name: '', duration: '30', colour: '#4c9f70' });
  const create = useScheduleMutation(
    () => client['schedule.types.create']({ name: draft.name, durationMin: Number(draft.duration), colour: draft.colour }),
    () => setDraft({ name: '', duration: '30', colour: '#4c9f70' }),
  );
  const update = useScheduleMutation((input: { id: string; durationMin?: number; colour?: string; active?: boolean }) => client['schedule.types.update'](input));
  const errors = fieldErrors(create.error);
  return (
    <div className="sl-stack">
      <UsualTypes />
      <QueryState query={list}>
        {(rows) => (
          <SetupTable
            caption={t('scheduleAdmin.types.title')}
            rows={rows}
            columns={[
              { header: t('scheduleAdmin.types.name'), cell: (x) => <NameCell name={x.name} colour={x.colour} active={x.active} /> },
              {
                header: t('scheduleAdmin.types.duration'),
                cell: (x) => (
                  <input
                    className="input input-narrow"
                    type="number"
                    min={5}
                    step={5}
                    aria-label={t('scheduleAdmin.types.durationOf', { name: x.name })}
                    defaultValue={x.durationMin}
                    onBlur={(e) => Number(e.target.value) !== x.durationMin && update.mutate({ id: x.id, durationMin: Number(e.target.value) })}
                  />
                ),
              },
              {
                header: t('scheduleAdmin.types.colour'),
                cell: (x) => <ColourInput label={t('scheduleAdmin.types.colourOf', { name: x.name })} value={x.colour} onChange={(colour) => update.mutate({ id: x.id, colour })} />,
              },
              { header: null, className: 'num', cell: (x) => <ActiveToggle name={x.name} active={x.active} onToggle={() => update.mutate({ id: x.id, active: !x.active })} /> },
            ]}
          />
        )}
      </QueryState>
      <CallError error={update.error} />
      <form
        className="sa-row"
        noValidate
        aria-label={t('scheduleAdmin.types.add')}
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(undefined);
        }}
      >
        <Field label={t('scheduleAdmin.types.name')} error={errors.name}>
          {(control) => <input {...control} className="input" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />}
        </Field>
        <Field label={t('scheduleAdmin.types.duration')} error={errors.durationMin}>
          {(control) => <input {...control} className="input input-narrow" type="number" min={5} step={5} value={draft.duration} onChange={(e) => setDraft({ ...draft, duration: e.target.value })} />}
        </Field>
        <Field label={t('scheduleAdmin.types.colour')} error={errors.colour}>
          {(control) => <input {...control} type="color" className="sa-colour" value={draft.colour} onChange={(e) => setDraft({ ...draft, colour: e.target.value })} />}
        </Field>
        <Button type="submit" variant="primary" busy={create.isPending}>
          {t('scheduleAdmin.types.add')}
        </Button>
      </form>
      <CallError error={create.error} shown={['name', 'durationMin', 'colour']} />
    </div>
  );
}

/** "Add the usual ones": the common dental types with their lengths, in the practice's language, those missing only. */
function UsualTypes() {
  const { t } = useTranslation();
  const client = useClient();
  const status = useAppStatus();
  const usual = scheduleTexts(status.practice?.language ?? 'es').defaults.appointmentTypes;
  const add = useScheduleMutation(() => client['schedule.setup.addDefaults']({}));
  const list = usual.map((x) => t('firstSteps.typeWithLength', { name: x.name, minutes: x.durationMin })).join(', ');
  return (
    <div className="sa-usual">
      <div className="sa-row">
        <Button {...stepStart('types')} icon="check" busy={add.isPending} onClick={() => add.mutate(undefined)}>
          {t('firstSteps.usualTypes')}
        </Button>
        <span role="status" className="sl-meta">
          {add.data ? (add.data.appointmentTypes > 0 ? t('firstSteps.typesAdded', { count: add.data.appointmentTypes }) : t('firstSteps.nothingAdded')) : null}
        </span>
      </div>
      <p className="sl-meta">{t('firstSteps.usualTypesHint', { list })}</p>
      <CallError error={add.error} />
    </div>
  );
}
