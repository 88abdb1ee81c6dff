/**
 * An empty list, said in a sentence: "Предложений пока нет." rather than react-admin's "Нет
 * %{name}." (which bends no noun), as the page's second-level heading (the page's h1 is its title)
 * in a grey that still reads at 4.5:1 (WCAG 1.4.3), with the resource's hint and its create button.
 */
import InboxIcon from '@mui/icons-material/Inbox';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { CreateButton, useResourceContext, useResourceDefinition, useTranslate } from 'react-admin';

export function CecEmpty() {
  const t = useTranslate();
  const resource = useResourceContext();
  const { hasCreate } = useResourceDefinition();
  return (
    <Box sx={{ flex: 1, textAlign: 'center', py: 4, color: 'text.secondary' }} data-testid="list-empty">
      <InboxIcon sx={{ width: '5em', height: '5em' }} aria-hidden />
      <Typography component="h2" variant="h5" sx={{ mb: 1 }}>
        {t(`resources.${resource}.empty`, {
          _: t('ra.navigation.no_results', { name: t(`resources.${resource}.name`, { smart_count: 2 }) }),
        })}
      </Typography>
      <Typography variant="body1">{t(`resources.${resource}.invite`, { _: '' })}</Typography>
      {hasCreate ? (
        <Box sx={{ mt: 3 }}>
          <CreateButton variant="contained" />
        </Box>
      ) : null}
    </Box>
  );
}
