LEAF = 'from pkg.sub.leaf'
