/* combo.h: what combo's two objects share. */
#ifndef COMBO_H
#define COMBO_H
int combo_scale(int x);
#endif
