/**
 * Charts of any notebook table in one line: a Vega-Lite specification for JupyterLab and VS Code and
 * the same chart as a static SVG for classic Notebook, HTML exports and GitHub. Spark tables are
 * aggregated by Spark, never drawn from the rows on display.
 */
package io.kindling.magics.chart;
