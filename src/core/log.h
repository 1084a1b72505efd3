/* SPDX-License-Identifier: ISC */
/*
 * Logging with levels.  Secrets never reach a log call: pass lengths,
 * not passwords.  A face may redirect the sink (curses owns stderr).
 */
#ifndef L2C_LOG_H
#define L2C_LOG_H

enum l2c_loglevel {
	L2C_LOG_ERR = 0,
	L2C_LOG_WARN,
	L2C_LOG_INFO,
	L2C_LOG_DEBUG,
};

typedef void	l2c_log_sink(void *, enum l2c_loglevel, const char *);

void	l2c_log_set_level(enum l2c_loglevel);
enum l2c_loglevel l2c_log_get_level(void);
void	l2c_log_set_sink(l2c_log_sink *, void *);
void	l2c_log(enum l2c_loglevel, const char *, ...)
	    __attribute__((format(printf, 2, 3)));

#define l2c_err(...)	l2c_log(L2C_LOG_ERR, __VA_ARGS__)
#define l2c_warn(...)	l2c_log(L2C_LOG_WARN, __VA_ARGS__)
#define l2c_info(...)	l2c_log(L2C_LOG_INFO, __VA_ARGS__)
#define l2c_debug(...)	l2c_log(L2C_LOG_DEBUG, __VA_ARGS__)

#endif /* L2C_LOG_H */
