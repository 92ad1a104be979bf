/**
 * A small React wrapper over ECharts (Apache-2.0), tree-shaken to the parts Uppföljning draws: bar and line charts
 * on a grid with tooltip, legend and the aria description. The canvas renderer: it styles through the CSSOM only,
 * which the app's CSP (no inline style attributes) allows. Loaded only with the Uppföljning screen (a dynamic import).
 */
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/** A chart with a text label (its accessible name); the data should also be given as a table beside it. */
export function EChart({ option, label }: { option: ChartOption; label: string }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current, undefined, { renderer: 'canvas', locale: 'EN' });
    chart.current = instance;
    const resize = () => instance.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true, label: { description: label } }, animation: false, ...option }, true);
  }, [option, label]);

  return <div ref={element} className="chart" role="img" aria-label={label} />;
}
