// list_sort() of <linux/list_sort.h> for libkshim: a stable merge sort of a list_head list.
#include <algorithm>
#include <vector>

#include "linux/list.h"
#include "linux/list_sort.h"

extern "C" void list_sort(void *priv, struct list_head *head, list_cmp_func_t cmp)
{
    std::vector<list_head *> nodes;
    for (list_head *p = head->next; p != head; p = p->next)
        nodes.push_back(p);
    // x goes before y only when cmp says y sorts after x: stable_sort keeps the rest in order.
    std::stable_sort(nodes.begin(), nodes.end(), [&](list_head *x, list_head *y) { return cmp(priv, y, x) > 0; });
    INIT_LIST_HEAD(head);
    for (list_head *n : nodes)
        list_add_tail(n, head);
}
