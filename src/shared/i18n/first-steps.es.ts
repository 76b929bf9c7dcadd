/** Spanish strings for a new practice's first steps towards a usable schedule. The reference: the English file is typed against it. */
export const firstStepsEs = {
  firstSteps: {
    title: 'Prepare la agenda',
    intro: 'Cuatro pasos y podrá agendar la primera cita.',
    progress: '{{done}} de {{total}} pasos listos',
    done: 'Listo',
    missing: 'Falta',
    askAdmin: 'Un administrador puede terminar estos pasos en la configuración de la agenda.',
    steps: {
      operatories: { title: 'Sillones', description: 'Al menos un sillón activo: cada uno es una columna de la agenda.', go: 'Agregar sillones' },
      providers: { title: 'Profesional vinculado a un usuario', description: 'Quien atiende, con la cuenta con la que ingresa.', go: 'Agregar un profesional' },
      hours: { title: 'Horario semanal', description: 'Los días y horas en que atiende cada profesional.', go: 'Definir el horario' },
      types: { title: 'Tipos de cita', description: 'Cada uno con su duración; puede partir con los habituales.', go: 'Agregar tipos de cita' },
    },
    usualWeek: 'Usar el horario habitual',
    usualWeekHint: 'De lunes a viernes, 9:00–13:00 y 14:00–18:00: llena la semana para que la revise y la guarde.',
    usualTypes: 'Agregar los tipos habituales',
    usualTypesHint: 'Agrega, en el idioma de la consulta, los que aún no tenga: {{list}}. También los tipos de bloqueo habituales, como el almuerzo.',
    typeWithLength: '{{name}} ({{minutes}} min)',
    typesAdded_one: 'Se agregó {{count}} tipo de cita.',
    typesAdded_other: 'Se agregaron {{count}} tipos de cita.',
    nothingAdded: 'Los tipos habituales ya estaban; no se agregó ninguno.',
  },
};
