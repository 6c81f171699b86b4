// SPDX-License-Identifier: GPL-2.0
/*
 * Per-CPU receive queues, in the manner of RPS: the producer (the UDP
 * socket's softirq, on whatever CPU the datagram arrived) appends to the
 * target CPU's queue and, if that queue was idle, kicks its NAPI context
 * there with an IPI.  The poll decrypts and hands packets to GRO in its
 * own NAPI context.  A queue belongs to one peer's traffic at a time only
 * by choice of CPU; order within a peer holds because a peer always uses
 * the same queue.
 */
#include "device.h"
#include "receive.h"
#include "rxqueue.h"

#include <linux/cpumask.h>

static int vl_rx_poll(struct napi_struct *napi, int budget)
{
	struct vl_rx_cell *cell = container_of(napi, struct vl_rx_cell, napi);
	struct sk_buff_head batch;
	struct sk_buff *skb;
	int done = 0;

	__skb_queue_head_init(&batch);
	while (done < budget) {
		if (skb_queue_empty(&batch)) {
			spin_lock(&cell->queue.lock);
			skb_queue_splice_tail_init(&cell->queue, &batch);
			if (skb_queue_empty(&batch)) {
				/* Under the lock: the next producer kicks. */
				cell->scheduled = false;
				spin_unlock(&cell->queue.lock);
				break;
			}
			spin_unlock(&cell->queue.lock);
		}
		skb = __skb_dequeue(&batch);
		rcu_read_lock();
		vl_receive_data(cell->vl, skb, napi);
		rcu_read_unlock();
		done++;
	}

	if (!skb_queue_empty(&batch)) {
		/* Out of budget: what is left goes back in front. */
		spin_lock(&cell->queue.lock);
		skb_queue_splice(&batch, &cell->queue);
		spin_unlock(&cell->queue.lock);
	}
	/* A kick that raced with the end of this poll marked the NAPI
	 * missed; napi_complete_done() then polls again.
	 */
	if (done < budget)
		napi_complete_done(napi, done);
	return done;
}

/* Runs on the target CPU, in hard interrupt context. */
static void vl_rx_kick(void *info)
{
	struct vl_rx_cell *cell = info;

	napi_schedule(&cell->napi);
	atomic_dec(&cell->kicks);
}

void vl_rxqueue_steer(struct vl_device *vl, struct sk_buff *skb, int cpu)
{
	struct vl_rx_cell *cell;
	bool kick;

	if (unlikely(!cpu_online(cpu)))
		cpu = smp_processor_id();
	cell = per_cpu_ptr(vl->rx_cells, cpu);

	spin_lock(&cell->queue.lock);
	if (unlikely(skb_queue_len(&cell->queue) >= VL_RX_QUEUE_MAX)) {
		spin_unlock(&cell->queue.lock);
		vl_count(vl, VL_DROP_RX_BACKLOG);
		kfree_skb(skb);
		return;
	}
	__skb_queue_tail(&cell->queue, skb);
	kick = !cell->scheduled;
	cell->scheduled = true;
	spin_unlock(&cell->queue.lock);
	if (!kick)
		return;

	if (cpu == smp_processor_id()) {
		napi_schedule(&cell->napi);
		return;
	}
	atomic_inc(&cell->kicks);
	if (smp_call_function_single_async(cpu, &cell->csd)) {
		/* An IPI is already on its way, or the CPU just went
		 * offline: then poll here, order is kept either way.
		 */
		atomic_dec(&cell->kicks);
		napi_schedule(&cell->napi);
	}
}

int vl_rxqueue_pick_cpu(void)
{
	static atomic_t next = ATOMIC_INIT(0);
	unsigned int n = atomic_inc_return(&next) % num_online_cpus();
	int cpu = cpumask_first(cpu_online_mask);

	while (n--)
		cpu = cpumask_next(cpu, cpu_online_mask);
	return cpu < nr_cpu_ids ? cpu : cpumask_first(cpu_online_mask);
}

int vl_rxqueue_init(struct vl_device *vl)
{
	int cpu;

	vl->rx_cells = alloc_percpu(struct vl_rx_cell);
	if (!vl->rx_cells)
		return -ENOMEM;
	for_each_possible_cpu(cpu) {
		struct vl_rx_cell *cell = per_cpu_ptr(vl->rx_cells, cpu);

		cell->vl = vl;
		skb_queue_head_init(&cell->queue);
		atomic_set(&cell->kicks, 0);
		INIT_CSD(&cell->csd, vl_rx_kick, cell);
		netif_napi_add(vl->dev, &cell->napi, vl_rx_poll);
	}
	return 0;
}

void vl_rxqueue_enable(struct vl_device *vl)
{
	int cpu;

	for_each_possible_cpu(cpu)
		napi_enable(&per_cpu_ptr(vl->rx_cells, cpu)->napi);
}

void vl_rxqueue_disable(struct vl_device *vl)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		struct vl_rx_cell *cell = per_cpu_ptr(vl->rx_cells, cpu);

		/* No producer is left; let the IPIs in flight land. */
		while (atomic_read(&cell->kicks))
			cpu_relax();
	}
	/* An IPI handler runs with interrupts off, an RCU reader: after
	 * this none is still returning through this module's code.
	 */
	synchronize_rcu();
	for_each_possible_cpu(cpu) {
		struct vl_rx_cell *cell = per_cpu_ptr(vl->rx_cells, cpu);

		napi_disable(&cell->napi);
		spin_lock_bh(&cell->queue.lock);
		__skb_queue_purge(&cell->queue);
		cell->scheduled = false;
		spin_unlock_bh(&cell->queue.lock);
	}
}

void vl_rxqueue_free(struct vl_device *vl)
{
	int cpu;

	for_each_possible_cpu(cpu)
		netif_napi_del(&per_cpu_ptr(vl->rx_cells, cpu)->napi);
	free_percpu(vl->rx_cells);
}
