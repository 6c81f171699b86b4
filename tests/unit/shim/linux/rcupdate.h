/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace shim: RCU without concurrency.  The unit tests are single
 * threaded, so a grace period is empty and kfree_rcu() frees at once,
 * which lets ASan catch a writer that touches a node after unlinking it.
 */
#ifndef _SHIM_LINUX_RCUPDATE_H
#define _SHIM_LINUX_RCUPDATE_H

#include <stdlib.h>
#include <linux/types.h>

#define __rcu

struct rcu_head {
	struct rcu_head *next;
	void (*func)(struct rcu_head *head);
};

#define rcu_read_lock_held()		1
#define rcu_read_lock_bh_held()		1
#define rcu_read_lock()			do { } while (0)
#define rcu_read_unlock()		do { } while (0)

#define rcu_dereference_check(p, c)	({ (void)(c); READ_ONCE(p); })
#define rcu_dereference_protected(p, c)	({ (void)(c); (p); })
#define rcu_dereference(p)		READ_ONCE(p)
#define rcu_access_pointer(p)		READ_ONCE(p)
#define rcu_assign_pointer(p, v) \
	__atomic_store_n(&(p), (v), __ATOMIC_RELEASE)
#define RCU_INIT_POINTER(p, v)		do { (p) = (v); } while (0)

#define kfree_rcu(ptr, field) \
	do { (void)sizeof(&(ptr)->field); free(ptr); } while (0)

#endif /* _SHIM_LINUX_RCUPDATE_H */
