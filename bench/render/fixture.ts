/** A day with 8 chairs and about 300 appointments, shaped like schedule.day's answer. */
export const BENCH_DATE = '2026-11-23';

export function dayFixture(chairs = 8, perChair = 38) {
  const operatories = Array.from({ length: chairs }, (_, i) => ({ id: `op${i}`, name: `Sillón ${i + 1}`, sortOrder: i, active: true }));
  const colours = ['#2563eb', '#0891b2', '#16a34a', '#9333ea', '#dc2626', '#ea580c', '#0f766e', '#a16207'];
  const providers = operatories.map((op, i) => ({
    id: `pr${i}`,
    givenNames: `Prof${i}`,
    firstSurname: 'Rojas',
    secondSurname: '',
    displayName: `Prof${i} Rojas`,
    kind: 'dentist' as const,
    colour: colours[i % colours.length]!,
    userId: null,
    defaultOperatoryId: op.id,
    sortOrder: i,
    active: true,
  }));
  const statuses = ['scheduled', 'confirmed', 'arrived', 'seated', 'completed'] as const;
  const pad = (n: number) => String(n).padStart(2, '0');
  const appointments = [];
  let seed = 7;
  const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (let c = 0; c < chairs; c++) {
    let minute = 8 * 60;
    for (let k = 0; k < perChair && minute < 20 * 60 - 15; k++) {
      const duration = [15, 15, 20, 30][Math.floor(rand() * 4)]!;
      const start = `${BENCH_DATE}T${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
      const endMin = minute + duration;
      const end = `${BENCH_DATE}T${pad(Math.floor(endMin / 60))}:${pad(endMin % 60)}`;
      appointments.push({
        id: `a${c}-${k}`,
        patientId: `p${c}-${k}`,
        patientName: `Paciente ${c}-${k} González Pérez`,
        patientAlerts: k % 7 === 0 ? (['hypertension'] as const).slice() : [],
        providerId: providers[c]!.id,
        operatoryId: operatories[c]!.id,
        typeId: 't1',
        typeName: k % 2 ? 'Limpieza' : 'Control',
        colour: providers[c]!.colour,
        startLocal: start,
        endLocal: end,
        startUtc: `${start}:00Z`,
        endUtc: `${end}:00Z`,
        durationMin: duration,
        status: statuses[k % statuses.length]!,
        statusAt: `${start}:00Z`,
        confirmation: 'confirmed' as const,
        notes: '',
        seriesId: null,
        pinboard: false,
        rebookedFromId: null,
        createdAt: `${start}:00Z`,
        updatedAt: `${start}:00Z`,
      });
      minute = endMin;
    }
  }
  return {
    date: BENCH_DATE,
    timeZone: 'America/Santiago',
    today: BENCH_DATE,
    holiday: null,
    settings: { gridMinutes: 15 as const, officeStart: '08:00', officeEnd: '20:00', colourBy: 'provider' as const, conflictPolicy: 'warn' as const },
    operatories,
    providers,
    appointments,
    blockouts: [],
    workingHours: providers.map((p) => ({ providerId: p.id, intervals: [{ start: '08:00', end: '13:00' }, { start: '14:00', end: '20:00' }] })),
    conflicts: [],
    counts: { booked: appointments.length, cancelled: 0, noShow: 0, completed: 0 },
  };
}
