/** Spanish strings for the office hub's command line. */
export const hubEs = {
  hubCli: {
    keyCreated: 'Se creó la clave del hub en {{path}}. Guarde la frase de contraseña: sin ella el hub no abre.',
    listening: 'Hub de la consulta escuchando en:',
    fingerprint: 'Huella del certificado (compárela en cada estación al inscribirla):',
    setupCode: 'Código de configuración para la primera estación: {{code}}',
    newSetupCode: 'Demasiados intentos fallidos: nuevo código de configuración: {{code}}',
    listeningPostgres: 'Hub sobre PostgreSQL (varias consultas, varios hubs) escuchando en:',
    migrated: 'Migración verificada: {{changes}} cambios y {{devices}} estaciones de la consulta {{practice}} están en PostgreSQL, idénticos.',
    stopping: 'Deteniendo el hub…',
  },
};
