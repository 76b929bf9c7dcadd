import { useQuery } from '@tanstack/react-query';
import { type ReactNode, createContext, createElement, useContext, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../app/client';
import { useAppStatus } from '../app/status';
import { usePracticeMoney } from '../ui/format';
import './billing.css';

export interface AccountBadge {
  tone: 'paid' | 'due' | 'credit';
  text: string;
  /** Said as part of the card's accessible name. */
  label: string;
}

/**
 * The payment status of the patients on screen, for the schedule's cards:
 * one grouped balance query for all of them (billing.balances), not one per
 * card. Only for roles that may see accounts; others get no badges.
 */
export function useAccountBadges(patientIds: readonly string[]): ReadonlyMap<string, AccountBadge> | null {
  const { t } = useTranslation();
  const client = useClient();
  const money = usePracticeMoney();
  const allowed = useAppStatus().session?.permissions.includes('billing.read') ?? false;
  const ids = useMemo(() => [...new Set(patientIds)].sort(), [patientIds.join('|')]);
  const query = useQuery({
    queryKey: ['billing.balances', ids],
    queryFn: () => client['billing.balances']({ patientIds: ids }),
    enabled: allowed && ids.length > 0,
    staleTime: 60_000,
  });
  return useMemo(() => {
    if (!query.data) return null;
    const badges = new Map<string, AccountBadge>();
    for (const [id, balance] of Object.entries(query.data.balances)) {
      const amount = money.format(Math.abs(balance));
      if (balance > 0) badges.set(id, { tone: 'due', text: t('billing.schedule.due', { amount }), label: t('billing.schedule.label_due', { amount }) });
      else if (balance < 0) badges.set(id, { tone: 'credit', text: t('billing.schedule.credit', { amount }), label: t('billing.schedule.label_credit', { amount }) });
      else badges.set(id, { tone: 'paid', text: t('billing.schedule.paid'), label: t('billing.schedule.label_paid') });
    }
    return badges;
  }, [query.data, money, t]);
}

const AccountBadges = createContext<ReadonlyMap<string, AccountBadge> | null>(null);

/** Fetches the payment status of these patients (one grouped query) for the schedule grid inside it. */
export function AccountBadgesProvider({ patientIds, children }: { patientIds: readonly string[]; children: ReactNode }) {
  return createElement(AccountBadges.Provider, { value: useAccountBadges(patientIds) }, children);
}

/** The badges the surrounding provider fetched; none outside one (the render bench mounts the grid bare). */
export function useProvidedAccountBadges(): ReadonlyMap<string, AccountBadge> | null {
  return useContext(AccountBadges);
}
