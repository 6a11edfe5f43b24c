/** Sample callers offered by the simulator and the message preview. */
export interface SampleCaller {
  id: string;
  city: string;
  phone: string;
  callerName: string;
  callerFirstName: string;
}

export const SAMPLE_CALLERS: readonly SampleCaller[] = [
  { id: 'new-york', city: 'New York', phone: '+12125550123', callerName: 'Dana Whitfield', callerFirstName: 'Dana' },
  { id: 'miami', city: 'Miami', phone: '+13055550123', callerName: 'Maria López', callerFirstName: 'Maria' },
  { id: 'el-paso', city: 'El Paso', phone: '+19155550123', callerName: 'Luis Ortega', callerFirstName: 'Luis' },
  { id: 'honolulu', city: 'Honolulu', phone: '+18085550123', callerName: 'Kai Nakamura', callerFirstName: 'Kai' },
  { id: 'toronto', city: 'Toronto', phone: '+14165550123', callerName: 'Priya Shah', callerFirstName: 'Priya' },
  { id: 'london', city: 'London', phone: '+447700900123', callerName: 'Oliver Bennett', callerFirstName: 'Oliver' },
];
