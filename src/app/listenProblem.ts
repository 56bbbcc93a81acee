/** What to do about a socket that would not open, in the terms of the variables that choose it. */
export function listenProblem(error: NodeJS.ErrnoException, port: number, host: string | undefined): string {
  const where = `${host ?? 'all interfaces'} port ${port}`;
  if (error.code === 'EADDRINUSE') return `${where} is already in use: stop what listens there or set PORT to a free port`;
  if (error.code === 'EACCES') return `${where} needs privileges this process lacks: set PORT above 1023`;
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') return `HOST ${host ?? ''} is not an address of this machine: set HOST, or leave it empty for all interfaces`;
  return `cannot listen on ${where}: ${error.message}`;
}
