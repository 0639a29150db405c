// d3-org-chart ships no types; its API is chained setters, typed loosely here.
declare module 'd3-org-chart' {
  export class OrgChart<T = unknown> {
    // Every setter returns the chart, every getter a value: too many to list one by one.
    [method: string]: any;
    data(data: T[]): this;
  }
}
