import type { GlobalThemeOverrides } from 'naive-ui'

/**
 * Naive UI's own palette puts several text colours under WCAG AA's 4.5:1: its light green, amber and blue
 * (links, tags, text buttons, warnings) on white, its tertiary grey (hints, secondary text) in both themes.
 * These shades keep each hue and reach at least 4.5:1 on the page, on cards and dialogs, and on the tinted
 * background of a tag of the same colour, so every view gets them from the theme and no element needs its own.
 */
const light: GlobalThemeOverrides = {
  common: {
    primaryColor: '#0b6e3d',
    primaryColorHover: '#0c7a43',
    primaryColorPressed: '#08572f',
    primaryColorSuppl: '#0c7a43',
    successColor: '#0b6e3d',
    successColorHover: '#0c7a43',
    successColorPressed: '#08572f',
    successColorSuppl: '#0c7a43',
    infoColor: '#0f5bc0',
    infoColorHover: '#1a64c8',
    infoColorPressed: '#0b4a9e',
    infoColorSuppl: '#1a64c8',
    warningColor: '#8a5200',
    warningColorHover: '#9a5b00',
    warningColorPressed: '#6e4100',
    warningColorSuppl: '#9a5b00',
    errorColor: '#b8283f',
    errorColorHover: '#c0304a',
    errorColorPressed: '#96203a',
    errorColorSuppl: '#c0304a',
    textColor3: '#5e6369',
  },
}

const dark: GlobalThemeOverrides = {
  common: {
    // Naive UI's dark red reaches only 4.0:1 in an error tag inside a drawer or dialog (its tint over #2c2c32).
    errorColor: '#f0a0a0',
    errorColorHover: '#f3adad',
    errorColorPressed: '#ea8f8f',
    errorColorSuppl: '#f3adad',
    textColor3: 'rgba(255, 255, 255, 0.62)',
  },
}

export function themeOverrides(isDark: boolean): GlobalThemeOverrides {
  return isDark ? dark : light
}
