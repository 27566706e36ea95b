/* SPDX-License-Identifier: MIT */
/*
 * attach/link.c - links: a chain slot owned by an object with an id (the
 * kernel's tcx links).  The link holds a reference on its program for its
 * whole life, also once defunct; the hook holds another while the program
 * is in the chain.
 */
#include <stdlib.h>

#include "attach/internal.h"
#include "progs/internal.h"

#define LINK_ATTACH_FLAGS \
	(BPF_F_BEFORE | BPF_F_AFTER | BPF_F_REPLACE | BPF_F_ID | BPF_F_LINK)

/*
 * Detach @link if attached; attach_lock held.  A defunct link is left as
 * it is and 0 returned, as the kernel's tcx_link_detach().
 */
static int link_detach_locked(struct bh_link *link)
{
	struct mprog_tuple dtuple = { .prog = link->prog, .link = link };
	struct mprog_relative rel = { 0 };
	struct mprog_tuple rtuple;
	int ret;

	if (!link->hook)
		return 0;
	/* no relative object: rtuple stays empty, nothing to put */
	ret = mprog_detach(link->hook, dtuple, 0, &rel, 0, &rtuple);
	link->hook = NULL;
	return ret;
}

static void link_release(struct bh_obj *obj)
{
	struct bh_link *link = bh_container_of(obj, struct bh_link, obj);

	pthread_mutex_lock(&attach_lock);
	link_detach_locked(link);
	pthread_mutex_unlock(&attach_lock);
	bh_prog__free(link->prog);
	free(link);
}

BH_API struct bh_link *bh_link__attach(struct bh_hook *hook,
				       struct bh_prog *prog,
				       const struct bh_link_attach_opts *opts)
{
	struct mprog_relative rel = {
		.id = BH_OPTS_GET(opts, relative_id, 0),
		.prog = BH_OPTS_GET(opts, relative_prog, NULL),
		.link = BH_OPTS_GET(opts, relative_link, NULL),
	};
	uint32_t flags = BH_OPTS_GET(opts, flags, 0);
	struct mprog_tuple rtuple;
	struct bh_link *link;
	int ret;

	if (!hook || !prog || !BH_OPTS_VALID(opts, bh_link_attach_opts) ||
	    (flags & ~LINK_ATTACH_FLAGS) || prog->type != hook->prog_type)
		return bh_err_ptr(-EINVAL);
	if (!mprog_relative_valid(flags, &rel))
		return bh_err_ptr(-EINVAL);
	link = calloc(1, sizeof(*link));
	if (!link)
		return bh_err_ptr(-ENOMEM);
	obj_init(&link->obj, BH_OBJ_LINK, link_release);
	link->prog = bh_prog__get(prog);

	pthread_mutex_lock(&attach_lock);
	ret = mprog_attach(hook, (struct mprog_tuple){ prog, link }, NULL,
			   flags, &rel, BH_OPTS_GET(opts, expected_revision, 0),
			   &rtuple);
	if (!ret) {
		link->hook = hook;
		ret = obj_publish(&link->obj);
		if (ret)
			link_detach_locked(link);
	}
	pthread_mutex_unlock(&attach_lock);
	mprog_tuple_put(&rtuple);
	if (ret) {
		bh_prog__free(link->prog);
		free(link);
		return bh_err_ptr(ret);
	}
	return link;
}

BH_API int bh_link__update(struct bh_link *link, struct bh_prog *new_prog,
			   struct bh_prog *old_prog)
{
	struct mprog_tuple rtuple = { 0 };
	struct bh_prog *dropped = NULL;
	int ret = 0;

	if (!link || !new_prog)
		return bh_err(-EINVAL);
	pthread_mutex_lock(&attach_lock);
	if (!link->hook) {
		ret = -ENOLINK;
	} else if (old_prog && old_prog != link->prog) {
		ret = -EPERM;
	} else if (new_prog != link->prog) {
		/* as tcx_link_update(): replace by the old program's id, which
		 * also checks the new program's type against it */
		struct mprog_relative rel = { .id = bh_prog__id(link->prog) };

		ret = mprog_attach(link->hook,
				   (struct mprog_tuple){ new_prog, link },
				   link->prog, BPF_F_REPLACE | BPF_F_ID, &rel,
				   0, &rtuple);
		if (!ret) {
			dropped = link->prog;
			link->prog = bh_prog__get(new_prog);
		}
	}
	pthread_mutex_unlock(&attach_lock);
	mprog_tuple_put(&rtuple);
	bh_prog__free(dropped);
	return bh_err(ret);
}

BH_API int bh_link__detach(struct bh_link *link)
{
	int ret;

	if (!link)
		return bh_err(-EINVAL);
	pthread_mutex_lock(&attach_lock);
	ret = link_detach_locked(link);
	pthread_mutex_unlock(&attach_lock);
	return bh_err(ret);
}

BH_API int bh_link__query(struct bh_link *link,
			  struct bh_hook_query_opts *opts)
{
	int ret;

	if (!link || !opts || !BH_OPTS_VALID(opts, bh_hook_query_opts))
		return bh_err(-EINVAL);
	pthread_mutex_lock(&attach_lock);
	ret = link->hook ? mprog_query(link->hook, opts) : -ENOLINK;
	pthread_mutex_unlock(&attach_lock);
	return bh_err(ret);
}

BH_API void bh_link__free(struct bh_link *link)
{
	if (link)
		obj_put(&link->obj);
}

BH_API struct bh_link *bh_link__by_id(uint32_t id)
{
	struct bh_obj *obj = obj_by_id(BH_OBJ_LINK, id);

	if (!obj)
		return bh_err_ptr(-ENOENT);
	return bh_container_of(obj, struct bh_link, obj);
}

BH_API int bh_link__next_id(uint32_t start_id, uint32_t *next_id)
{
	if (!next_id)
		return bh_err(-EINVAL);
	return bh_err(obj_next_id(BH_OBJ_LINK, start_id, next_id));
}

BH_API uint32_t bh_link__id(const struct bh_link *link)
{
	return link->obj.id;
}

BH_API uint32_t bh_link__prog_id(const struct bh_link *link)
{
	uint32_t id;

	pthread_mutex_lock(&attach_lock);
	id = bh_prog__id(link->prog);
	pthread_mutex_unlock(&attach_lock);
	return id;
}

BH_API bool bh_link__attached(const struct bh_link *link)
{
	bool attached;

	pthread_mutex_lock(&attach_lock);
	attached = link->hook != NULL;
	pthread_mutex_unlock(&attach_lock);
	return attached;
}
