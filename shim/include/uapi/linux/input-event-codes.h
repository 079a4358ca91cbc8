/* Input event types and codes (EV_*, KEY_*, BTN_*, REL_*, ABS_*, LED_*), Linux 6.1 values; the common subset. */
#ifndef _UAPI_INPUT_EVENT_CODES_H
#define _UAPI_INPUT_EVENT_CODES_H

#define INPUT_PROP_MAX		0x1f
#define INPUT_PROP_CNT		(INPUT_PROP_MAX + 1)

#define EV_SYN		0x00
#define EV_KEY		0x01
#define EV_REL		0x02
#define EV_ABS		0x03
#define EV_MSC		0x04
#define EV_SW		0x05
#define EV_LED		0x11
#define EV_SND		0x12
#define EV_REP		0x14
#define EV_FF		0x15
#define EV_PWR		0x16
#define EV_FF_STATUS		0x17
#define EV_MAX		0x1f
#define EV_CNT			(EV_MAX + 1)

#define SYN_REPORT		0
#define SYN_CONFIG		1
#define SYN_MT_REPORT		2
#define SYN_DROPPED		3

#define KEY_RESERVED		0
#define KEY_ESC		1
#define KEY_1		2
#define KEY_2		3
#define KEY_3		4
#define KEY_4		5
#define KEY_5		6
#define KEY_6		7
#define KEY_7		8
#define KEY_8		9
#define KEY_9		10
#define KEY_0		11
#define KEY_MINUS		12
#define KEY_EQUAL		13
#define KEY_BACKSPACE		14
#define KEY_TAB		15
#define KEY_Q		16
#define KEY_W		17
#define KEY_E		18
#define KEY_R		19
#define KEY_T		20
#define KEY_Y		21
#define KEY_U		22
#define KEY_I		23
#define KEY_O		24
#define KEY_P		25
#define KEY_LEFTBRACE		26
#define KEY_RIGHTBRACE		27
#define KEY_ENTER		28
#define KEY_LEFTCTRL		29
#define KEY_A		30
#define KEY_S		31
#define KEY_D		32
#define KEY_F		33
#define KEY_G		34
#define KEY_H		35
#define KEY_J		36
#define KEY_K		37
#define KEY_L		38
#define KEY_SEMICOLON		39
#define KEY_APOSTROPHE		40
#define KEY_GRAVE		41
#define KEY_LEFTSHIFT		42
#define KEY_BACKSLASH		43
#define KEY_Z		44
#define KEY_X		45
#define KEY_C		46
#define KEY_V		47
#define KEY_B		48
#define KEY_N		49
#define KEY_M		50
#define KEY_COMMA		51
#define KEY_DOT		52
#define KEY_SLASH		53
#define KEY_RIGHTSHIFT		54
#define KEY_KPASTERISK		55
#define KEY_LEFTALT		56
#define KEY_SPACE		57
#define KEY_CAPSLOCK		58
#define KEY_F1		59
#define KEY_F2		60
#define KEY_F3		61
#define KEY_F4		62
#define KEY_F5		63
#define KEY_F6		64
#define KEY_F7		65
#define KEY_F8		66
#define KEY_F9		67
#define KEY_F10		68
#define KEY_NUMLOCK		69
#define KEY_SCROLLLOCK		70
#define KEY_F11		87
#define KEY_F12		88
#define KEY_KPENTER		96
#define KEY_RIGHTCTRL		97
#define KEY_RIGHTALT		100
#define KEY_HOME		102
#define KEY_UP		103
#define KEY_PAGEUP		104
#define KEY_LEFT		105
#define KEY_RIGHT		106
#define KEY_END		107
#define KEY_DOWN		108
#define KEY_PAGEDOWN		109
#define KEY_INSERT		110
#define KEY_DELETE		111
#define KEY_MUTE		113
#define KEY_VOLUMEDOWN		114
#define KEY_VOLUMEUP		115
#define KEY_POWER		116
#define KEY_PAUSE		119
#define KEY_SLEEP		142
#define KEY_WAKEUP		143
#define BTN_MISC		0x100
#define BTN_0		0x100
#define BTN_1		0x101
#define BTN_2		0x102
#define BTN_3		0x103
#define BTN_MOUSE		0x110
#define BTN_LEFT		0x110
#define BTN_RIGHT		0x111
#define BTN_MIDDLE		0x112
#define BTN_JOYSTICK		0x120
#define BTN_TRIGGER		0x120
#define BTN_GAMEPAD		0x130
#define BTN_A		0x130
#define BTN_B		0x131
#define BTN_TOUCH		0x14a
#define KEY_MAX		0x2ff
#define KEY_CNT			(KEY_MAX + 1)

#define REL_X		0x00
#define REL_Y		0x01
#define REL_Z		0x02
#define REL_HWHEEL		0x06
#define REL_WHEEL		0x08
#define REL_MAX		0x0f
#define ABS_X		0x00
#define ABS_Y		0x01
#define ABS_Z		0x02
#define ABS_PRESSURE		0x18
#define ABS_MAX		0x3f
#define MSC_SCAN		0x04
#define MSC_MAX		0x07
#define SW_LID		0x00
#define SW_MAX		0x10
#define LED_NUML		0x00
#define LED_CAPSL		0x01
#define LED_SCROLLL		0x02
#define LED_MAX		0x0f
#define SND_CLICK		0x00
#define SND_BELL		0x01
#define SND_TONE		0x02
#define SND_MAX		0x07
#define REP_DELAY		0x00
#define REP_PERIOD		0x01
#define REP_MAX		0x01
#define REL_CNT		(REL_MAX + 1)
#define ABS_CNT		(ABS_MAX + 1)
#define MSC_CNT		(MSC_MAX + 1)
#define SW_CNT		(SW_MAX + 1)
#define LED_CNT		(LED_MAX + 1)
#define SND_CNT		(SND_MAX + 1)
#define REP_CNT		(REP_MAX + 1)
#define FF_MAX			0x7f
#define FF_CNT			(FF_MAX + 1)

#endif
