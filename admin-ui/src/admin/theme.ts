/** A dense, sober theme: reviewers read many rows; the CEC's blue, red for refusals. */
import { defaultTheme, type RaThemeOptions } from 'react-admin';

export const theme: RaThemeOptions = {
  ...defaultTheme,
  palette: {
    primary: { main: '#0b4f8a' },
    secondary: { main: '#8a1c0b' },
  },
  typography: { fontSize: 13 },
  components: {
    ...defaultTheme.components,
    MuiTextField: { defaultProps: { variant: 'outlined', size: 'small' } },
  },
};
