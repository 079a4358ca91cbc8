// Which suites and cases run (6.1's kunit.filter_glob "suite_glob.case_glob"), and --list.
#include <fnmatch.h>

#include <cstring>

#include "kernel.hpp"
#include "kunit/kunit.hpp"
#include "printk/log.hpp"

#include "linux/kern_levels.h"
#include "linux/module.h"
#include "kunit/test.h"

namespace kshim {

namespace {

// The filter split at its first '.': the suite glob and the case glob (empty: every case).
struct Globs {
    std::string suite, cases;
};

Globs split(const std::string &filter)
{
    size_t dot = filter.find('.');
    if (dot == std::string::npos)
        return {filter, {}};
    return {filter.substr(0, dot), filter.substr(dot + 1)};
}

bool glob_match(const std::string &glob, const char *name)
{
    return glob.empty() || fnmatch(glob.c_str(), name, 0) == 0;
}

}  // namespace

bool Kunit::case_selected(const kunit_case *c) const
{
    return glob_match(split(cfg_.filter).cases, c->name);
}

std::vector<Kunit::SelectedSuite> Kunit::select(struct module *mod) const
{
    std::vector<SelectedSuite> out;
    const Globs g = split(cfg_.filter);
    for (int i = 0; i < mod->num_kunit_suites; ++i) {
        kunit_suite *s = mod->kunit_suites[i];
        if (!glob_match(g.suite, s->name))
            continue;
        SelectedSuite sel;
        sel.suite = s;
        size_t all = num_cases(s);
        for (kunit_case *c = s->test_cases; c->run_case; ++c)
            if (case_selected(c))
                sel.cases.push_back(*c);
        if (sel.cases.empty())   // 6.1 drops a suite none of whose cases match
            continue;
        if (sel.cases.size() < all) {
            sel.cases.push_back(kunit_case{});
            sel.copy = std::make_unique<kunit_suite>(*s);
            sel.copy->test_cases = sel.cases.data();
            sel.suite = sel.copy.get();
        }
        out.push_back(std::move(sel));
    }
    return out;
}

void Kunit::list_module(struct module *mod)
{
    k_.log().print(KERN_INFO "KTAP version 1\n");
    for (const SelectedSuite &s : select(mod))
        for (const kunit_case *c = s.suite->test_cases; c->run_case; ++c)
            k_.log().print(KERN_INFO "%s.%s\n", s.suite->name, c->name);
}

}  // namespace kshim
